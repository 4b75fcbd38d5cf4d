import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { bookinfoGraph } from '../../__fixtures__/bookinfo';
import { MeshEdgeTable } from './MeshEdgeTable';

/** The data rows' caller → callee, top to bottom. */
const order = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map(row => {
      const cells = within(row).getAllByRole('cell');
      return `${cells[0].textContent} → ${cells[1].textContent}`;
    });

describe('MeshEdgeTable', () => {
  it("lists the entity's own edges busiest first and sorts by any column", async () => {
    await renderInTestApp(<MeshEdgeTable graph={bookinfoGraph} />);

    // Only edges into or out of reviews' workloads; the 3.4 rps ones first.
    expect(order().slice(0, 2)).toEqual([
      'productpage-v1 (bookinfo) → reviews-v3 (bookinfo)',
      'reviews-v3 (bookinfo) → ratings-v1 (bookinfo)',
    ]);
    expect(order()).toHaveLength(5);

    await userEvent.click(screen.getByRole('button', { name: 'Errors' }));
    expect(order().slice(0, 2)).toEqual([
      'productpage-v1 (bookinfo) → reviews-v3 (bookinfo)',
      'productpage-v1 (bookinfo) → reviews-v2 (bookinfo)',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Errors' }));
    expect(order().slice(-2)).toEqual([
      'productpage-v1 (bookinfo) → reviews-v2 (bookinfo)',
      'productpage-v1 (bookinfo) → reviews-v3 (bookinfo)',
    ]);
    expect(
      within(screen.getAllByRole('row')[5]).getByText(/^15(\.0)?%$/),
    ).toBeInTheDocument();
  });

  it('selects the edge of a clicked row, or of a focused row on Enter', async () => {
    const onSelectEdge = jest.fn();
    await renderInTestApp(
      <MeshEdgeTable graph={bookinfoGraph} onSelectEdge={onSelectEdge} />,
    );

    await userEvent.click(
      screen.getByRole('row', { name: /^reviews-v2 \(bookinfo\) ratings-v1/ }),
    );
    expect(onSelectEdge).toHaveBeenLastCalledWith('reviews-v2->ratings-v1');

    const rows = screen.getAllByRole('row');
    rows[1].focus();
    await userEvent.keyboard('{Enter}');
    expect(onSelectEdge).toHaveBeenLastCalledWith('productpage-v1->reviews-v3');
  });

  it('shows nothing when the entity has no traffic of its own', async () => {
    await renderInTestApp(
      <MeshEdgeTable
        graph={{
          nodes: bookinfoGraph.nodes.map(n => ({ ...n, isFocus: false })),
          edges: bookinfoGraph.edges,
        }}
      />,
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
