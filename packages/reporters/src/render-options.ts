/** Options every renderer accepts; each uses the ones that concern it. */
export interface RenderOptions {
  /** Text only: ANSI colour and terminal hyperlinks. Decide it with `shouldUseColor`. Default false. */
  readonly color?: boolean;
  /**
   * Text and SARIF: document paths under this directory are shown relative to it, and SARIF locations are
   * emitted relative to `%SRCROOT%` = this directory. Default `process.cwd()`.
   */
  readonly baseDir?: string;
}
