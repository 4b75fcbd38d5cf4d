module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Modules read top-down: the exported function first, the small helpers it calls (function
    // declarations or module-level arrow constants) below it. Uses in the same scope before the
    // definition, and classes, are still reported.
    '@typescript-eslint/no-use-before-define': [
      'error',
      { functions: false, variables: false },
    ],
    // Prettier lays chained ternaries out one condition per line, which reads like an
    // if/else-if chain; many of the mapping helpers (status → tone, kind → label) use them.
    'no-nested-ternary': 'off',
    // ESLint's default: an assignment in a condition is allowed when wrapped in extra
    // parentheses, the idiom of the regex-matching parsers (kube/labelSelector.ts).
    'no-cond-assign': ['error', 'except-parens'],
    // The tests against real Prometheus compare each fixture edge with the figures its
    // protocol has (bytes for TCP, requests for HTTP/gRPC), so the assertion depends on the data.
    'jest/no-conditional-expect': 'off',
    // Golden-file tests assert through expectGolden (graph/__testUtils__).
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expectGolden'] },
    ],
  },
  overrides: [
    {
      // Benchmarks share the demo backend's bench harness by path; neither is published.
      files: ['bench/**'],
      rules: { '@backstage/no-relative-monorepo-imports': 'off' },
    },
  ],
});
