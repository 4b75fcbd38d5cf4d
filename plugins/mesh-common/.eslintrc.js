module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Prettier lays chained ternaries out one condition per line, which reads like an
    // if/else-if chain.
    'no-nested-ternary': 'off',
  },
});
