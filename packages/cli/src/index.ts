export { COMMAND_GROUPS, COMMANDS } from './command-list.js';
export { CONFIG_SCHEMA } from './config/config-schema.js';
export type { ConfigSetting, SettingKind } from './config/config-settings.js';
export { CLI_ENV_VARIABLES, coerceSettingValue, listConfigSettings } from './config/config-settings.js';
export type { ConfigFileSource, LoadConfigOptions, LoadConfigResult } from './config/load-config.js';
export { DEFAULT_CONFIG_FILE, loadConfig } from './config/load-config.js';
export type { ConfigOverride, LoadedConfig, ParseConfigInput } from './config/parse-config.js';
export { parseConfig } from './config/parse-config.js';
export type {
  AuditConfig,
  ConsoleConfig,
  GatewayConfig,
  ListenConfig,
  MonitorConfig,
  RampartConfig,
  ScanConfig,
  StoreConfig,
} from './config/rampart-config.js';
export { renderConfigDocs } from './config/render-config-docs.js';
export type { Progress, ProgressOptions } from './create-progress.js';
export { createProgress } from './create-progress.js';
export type { FailOn } from './decide-exit-code.js';
export { decideExitCode, FAIL_ON_VALUES, parseFailOn } from './decide-exit-code.js';
export type {
  ArgumentDefinition,
  ArgumentValues,
  Command,
  CommandContext,
  CommandDefinition,
  OptionDefinition,
  OptionValues,
  Writer,
} from './define-command.js';
export { defineCommand } from './define-command.js';
export type { ExitCode } from './exit-codes.js';
export { EXIT_CODES, exitCodeForError } from './exit-codes.js';
export type { FormatErrorOptions, FormattedError } from './format-error.js';
export { formatError } from './format-error.js';
export type { MainIo } from './main.js';
export { main } from './main.js';
export { suggestClosest } from './suggest-closest.js';
