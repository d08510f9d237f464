import type { Rule } from '../define-rule.js';
import { api1Rules } from './api1/index.js';
import { api2Rules } from './api2/index.js';
import { api3Rules } from './api3/index.js';
import { api4Rules } from './api4/index.js';
import { api5Rules } from './api5/index.js';
import { api6Rules } from './api6/index.js';
import { api7Rules } from './api7/index.js';
import { api8Rules } from './api8/index.js';
import { api9Rules } from './api9/index.js';
import { api10Rules } from './api10/index.js';

/** Every built-in rule, registered explicitly (never discovered from the file system). */
export const BUILT_IN_RULES: readonly Rule[] = [
  ...api1Rules,
  ...api2Rules,
  ...api3Rules,
  ...api4Rules,
  ...api5Rules,
  ...api6Rules,
  ...api7Rules,
  ...api8Rules,
  ...api9Rules,
  ...api10Rules,
];
