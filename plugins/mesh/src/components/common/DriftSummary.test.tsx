import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { productpageDependencies } from '../../__fixtures__/demo';
import { DriftSummary } from './DriftSummary';

describe('DriftSummary', () => {
  it('shows the drift counts and the window they cover', async () => {
    const resource = {
      value: productpageDependencies,
      loading: false,
      retry: () => {},
    };
    await renderInTestApp(
      <DriftSummary
        title="Dependency drift of Bookinfo team"
        resource={resource}
      />,
    );
    expect(
      screen.getByText('Dependency drift of Bookinfo team'),
    ).toBeInTheDocument();
    const { drift } = productpageDependencies;
    expect(
      screen.getByLabelText(`silent declared dependencies: ${drift.silent}`),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText(`undeclared dependencies: ${drift.undeclared}`),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/against mesh traffic over the last/),
    ).toBeInTheDocument();
  });

  it('shows the error instead of numbers when the route fails', async () => {
    const resource = {
      error: new Error('catalog down'),
      loading: false,
      retry: () => {},
    };
    await renderInTestApp(
      <DriftSummary title="Dependency drift" resource={resource} />,
    );
    expect(screen.getAllByText(/catalog down/).length).toBeGreaterThan(0);
    expect(
      screen.queryByLabelText(/undeclared dependencies/),
    ).not.toBeInTheDocument();
  });
});
