import { meshConfigOf } from './meshConfig';

describe('meshConfigOf', () => {
  it('reads the fields mTLS status and validation use from the istio ConfigMap', () => {
    const mesh = [
      'enableAutoMtls: false',
      'rootNamespace: mesh-root',
      'trustDomain: corp.example',
      'trustDomainAliases: [old.example]',
      'outboundTrafficPolicy: { mode: REGISTRY_ONLY }',
      'defaultServiceExportTo: ["."]',
    ].join('\n');
    expect(meshConfigOf({ data: { mesh } })).toEqual({
      enableAutoMtls: false,
      rootNamespace: 'mesh-root',
      trustDomain: 'corp.example',
      trustDomainAliases: ['old.example'],
      outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
      defaultServiceExportTo: ['.'],
    });
  });

  it("falls back to Istio's defaults for a missing or unparsable config and ignores ill-typed fields", () => {
    expect(meshConfigOf(undefined)).toEqual({});
    expect(meshConfigOf({ data: { mesh: '{ unclosed' } })).toEqual({});
    expect(
      meshConfigOf({
        data: { mesh: 'trustDomainAliases: 3\nenableAutoMtls: "yes"' },
      }),
    ).toEqual({});
  });
});
