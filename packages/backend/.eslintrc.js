module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Helpers may call things defined below them when they run later (see the plugins' config).
    '@typescript-eslint/no-use-before-define': [
      'error',
      { functions: false, variables: false },
    ],
  },
});
