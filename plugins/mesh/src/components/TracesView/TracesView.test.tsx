import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { reviewsEntity } from '../../__fixtures__/bookinfo';
import { demo } from '../../__fixtures__/demo';
import {
  createFakeMeshApi,
  FakeMeshApi,
} from '../../__testUtils__/fakeMeshApi';
import {
  currentSearchParams,
  renderMeshView,
} from '../../__testUtils__/renderMeshView';
import { EntityMeshContent } from '../EntityMeshContent';

let meshApi: FakeMeshApi;
const render = (search = '') =>
  renderMeshView(<EntityMeshContent />, {
    meshApi,
    entity: reviewsEntity,
    url: `/?view=traces${search}`,
  });

const { traces } = demo.productpageTraces;
const traceId = demo.productpageTrace.trace!.traceId;

describe('TracesView', () => {
  beforeEach(() => {
    meshApi = createFakeMeshApi();
  });

  it('plots durations over time, errors in red, and lists the traces', async () => {
    render();

    const scatter = await screen.findByRole('figure', {
      name: 'Trace durations over time',
    });
    const errors = traces.filter(t => t.errorCount > 0).length;
    expect(scatter).toHaveTextContent(`${errors} with errors, in red`);
    // One dot per trace.
    await waitFor(() =>
      expect(scatter.querySelectorAll('.recharts-scatter-symbol')).toHaveLength(
        traces.length,
      ),
    );
    expect(screen.getByText(`Traces (${traces.length})`)).toBeInTheDocument();
    expect(meshApi.getEntityTraces).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'reviews' }),
      {
        lookback: '1h',
        errorsOnly: false,
        minDuration: undefined,
      },
    );
  });

  it('asks the backend for the filters and keeps them in the URL', async () => {
    render();
    await screen.findByText(`Traces (${traces.length})`);

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Errors only' }),
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Min duration'),
      '100ms',
    );
    await userEvent.selectOptions(screen.getByLabelText('Lookback'), '6h');

    await waitFor(() =>
      expect(meshApi.getEntityTraces).toHaveBeenLastCalledWith(
        expect.anything(),
        {
          lookback: '6h',
          errorsOnly: true,
          minDuration: '100ms',
        },
      ),
    );
    expect(currentSearchParams().toString()).toBe(
      'view=traces&lookback=6h&errors=1&minDuration=100ms',
    );
  });

  it("keeps only traces through an edge's two services, until the filter is removed", async () => {
    render('&service=reviews.bookinfo&service=ratings.bookinfo');

    const through = traces.filter(
      t =>
        t.services.includes('ratings.bookinfo') &&
        t.services.includes('reviews.bookinfo'),
    );
    expect(through.length).toBeLessThan(traces.length);
    expect(
      await screen.findByText(`Traces (${through.length})`),
    ).toBeInTheDocument();

    const chip = screen.getByRole('button', {
      name: 'Filter: through reviews.bookinfo and ratings.bookinfo',
    });
    await userEvent.click(chip.querySelector('.MuiChip-deleteIcon')!);
    expect(
      await screen.findByText(`Traces (${traces.length})`),
    ).toBeInTheDocument();
  });

  it('opens the span waterfall of a trace with its tags', async () => {
    render(`&trace=${traceId}`);

    const spans = await screen.findByRole('list', { name: 'Spans' });
    const items = within(spans).getAllByRole('listitem');
    expect(items).toHaveLength(demo.productpageTrace.trace!.spans.length);
    expect(meshApi.getEntityTrace).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'reviews' }),
      traceId,
    );

    const details = within(spans).getAllByRole('button', {
      name: /^details\.bookinfo/,
    })[0];
    await userEvent.click(details);
    expect(details).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('http.status_code')).toBeInTheDocument();
  });

  it('selects a trace from the list', async () => {
    render();
    await screen.findByText(`Traces (${traces.length})`);

    const durationOfFirst = screen.getAllByRole('row')[1];
    await userEvent.click(durationOfFirst);

    await waitFor(() =>
      expect(currentSearchParams().get('trace')).toMatch(/^[0-9a-f]+$/),
    );
    expect(
      await screen.findByRole('list', { name: 'Spans' }),
    ).toBeInTheDocument();
  });

  it('links out to the tracing UI when the answer has a URL', async () => {
    const webUrl = 'https://jaeger.example.com/trace/abc';
    meshApi.getEntityTraces.mockResolvedValue({
      ...demo.productpageTraces,
      traces: traces.map((t, i) => (i === 0 ? { ...t, webUrl } : t)),
    });
    render();

    const link = await screen.findByRole('link', {
      name: /open in tracing UI/,
    });
    expect(link).toHaveAttribute('href', webUrl);
  });
});
