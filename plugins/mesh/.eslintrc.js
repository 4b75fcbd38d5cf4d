module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Prettier lays chained ternaries out one condition per line, which reads like an
    // if/else-if chain; the views' state → label/tone mappings use them.
    'no-nested-ternary': 'off',
    // Tests that assert through a shared helper (expectGuidance waits for the setup guidance).
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expectGuidance'] },
    ],
  },
});
