import { describeCheckOnBank, findingAt } from '../describe-check-on-bank.js';

// injection-sql-error (verbose database errors) belongs to api8-verbose-errors; this check proves the injection.
describeCheckOnBank('injection-sql', [
  {
    flaw: 'injection-sql-filter',
    matches: findingAt(
      'injection-sql',
      'GET',
      '/transactions',
      (f) => f.evidence?.oracle === 'sql-boolean-differential',
    ),
  },
]);
