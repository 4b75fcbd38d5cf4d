export {};

// Integration tests start real servers (Prometheus, a Kubernetes API test server, test backends)
// and run in parallel on small CI machines; speed is measured by benchmarks, not by these
// timeouts, so give each test room.
jest.setTimeout(30_000);
