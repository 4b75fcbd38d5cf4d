/*
 * Kubernetes client errors become per-cluster errors with every configured secret redacted before
 * any message is shortened (issue 13, finding 6): a token straddling the cut must not survive in part.
 */
import { toClusterError } from './kubeErrors';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9-service-account-SECRET';

it('redacts a token in a JSON parse error before shortening the message', () => {
  // What JSON.parse says about a body that echoes the request: a snippet of the body, which can be
  // long enough that the 200-character excerpt ends inside the token.
  const parseError = new SyntaxError(
    `Unexpected token 'B', "${'x'.repeat(
      160,
    )} Bearer ${TOKEN}" is not valid JSON`,
  );
  const error = toClusterError(parseError, 'east', 'pods', [TOKEN]);
  expect(error.errorType).toBe('BAD_RESPONSE');
  expect(error.message).not.toMatch(/eyJhbGci|SECRET/);
});

it('redacts a token echoed in an API server Status message of any length', () => {
  const error = toClusterError(
    {
      statusCode: 401,
      body: { message: `${'y'.repeat(470)} token ${TOKEN} rejected` },
    },
    'east',
    'pods',
    [TOKEN],
  );
  expect(error).toMatchObject({ errorType: 'UNAUTHORIZED', statusCode: 401 });
  expect(error.message).not.toMatch(/eyJhbGci|SECRET/);
});

it('tells a kept connection the server closed from a server that cannot be reached', () => {
  // What undici's fetch rejects with when the socket of a pooled connection closes mid-request.
  const closed = Object.assign(new TypeError('terminated'), {
    cause: Object.assign(new Error('other side closed'), {
      code: 'UND_ERR_SOCKET',
    }),
  });
  const refused = Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    }),
  });
  expect(toClusterError(closed, 'east', 'pods', [])).toMatchObject({
    errorType: 'UNREACHABLE',
    message:
      "Cluster 'east', pods: the API server closed the connection (UND_ERR_SOCKET)",
  });
  expect(toClusterError(refused, 'east', 'pods', []).message).toBe(
    "Cluster 'east', pods: cannot reach the API server (ECONNREFUSED)",
  );
});
