import { render, screen, within } from '@testing-library/react';
import { ResponseFlagsTable } from './ResponseFlagsTable';

describe('ResponseFlagsTable', () => {
  it('says why requests failed, most frequent first, and marks injected faults', () => {
    render(<ResponseFlagsTable flags={{ FI: 0.25, UO: 1.5, XYZ: 0.01 }} />);

    const rows = within(
      screen.getByRole('table', { name: 'Response flags' }),
    ).getAllByRole('row');
    expect(rows.map(r => r.textContent)).toEqual([
      'FlagWhyRate',
      expect.stringMatching(/^UOcircuit breaker open/),
      expect.stringMatching(
        /^FIfault injected by Istio \(abort\)injected on purpose: not a failure of the service/,
      ),
      expect.stringMatching(/^XYZEnvoy response flag XYZ/),
    ]);
  });

  it('shows nothing when no request carried a flag', () => {
    const { container } = render(<ResponseFlagsTable flags={undefined} />);
    expect(container).toBeEmptyDOMElement();
  });
});
