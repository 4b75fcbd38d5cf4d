/* Kiali's injected Service nodes folded into direct edges, for comparison with our graphs. */
/**
 * With `injectServiceNodes=true` Kiali draws client → Service → workload; our graphs draw
 * client → workload (the Service is a property of the edge). Each injected Service node that
 * leads on is folded into direct edges, its outgoing traffic shared among its callers by their
 * rates, so both graphs can be compared edge by edge.
 */
export function foldInjectedServices(json: any): any {
  const injected = new Set(
    json.elements.nodes
      .filter((n: any) => n.data.isInjected)
      .map((n: any) => n.data.id),
  );
  const edges = json.elements.edges.map((e: any) => e.data);
  const folded = edges.filter(
    (e: any) => !injected.has(e.source) && !injected.has(e.target),
  );
  const kept = new Set<string>();
  for (const svc of injected) {
    const ins = edges.filter((e: any) => e.target === svc);
    const outs = edges.filter((e: any) => e.source === svc);
    if (!outs.length) {
      kept.add(svc as string);
      folded.push(...ins);
      continue;
    }
    for (const out of outs) {
      const p = out.traffic.protocol;
      const callers = ins.filter((e: any) => e.traffic.protocol === p);
      const total = callers.reduce(
        (a: number, e: any) => a + Number(e.traffic.rates[p]),
        0,
      );
      for (const caller of callers) {
        const share = Number(caller.traffic.rates[p]) / total;
        folded.push({
          source: caller.source,
          target: out.target,
          traffic: {
            protocol: p,
            rates: { [p]: String(Number(out.traffic.rates[p]) * share) },
            responses: out.traffic.responses,
          },
        });
      }
    }
  }
  return {
    elements: {
      nodes: json.elements.nodes.filter(
        (n: any) => !injected.has(n.data.id) || kept.has(n.data.id),
      ),
      edges: folded.map((data: any) => ({ data })),
    },
  };
}
