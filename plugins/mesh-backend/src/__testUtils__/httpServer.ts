/* A throwaway loopback HTTP server for tests of clients against real (mis)behaving peers. */
import http from 'http';
import https from 'https';
import { AddressInfo } from 'net';
import { testCertificate } from './kubeApi/testCertificate';

export interface TestServer {
  url: string;
  requests: Array<{
    method?: string;
    url?: string;
    headers: http.IncomingHttpHeaders;
    body: string;
  }>;
  close(): Promise<void>;
}

export async function startTestServer(
  handler: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string,
  ) => void,
  options: { tls?: boolean } = {},
): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const sockets = new Set<import('net').Socket>();
  // With `tls`, HTTPS with the Kubernetes API double's self-signed certificate (its `caData`).
  const create = (listener: http.RequestListener) =>
    options.tls
      ? https.createServer(
          { key: testCertificate().key, cert: testCertificate().cert },
          listener,
        )
      : http.createServer(listener);
  const server = create((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      requests.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body,
      });
      handler(req, res, body);
    });
  });
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}
