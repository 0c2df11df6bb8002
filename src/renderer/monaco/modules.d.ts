declare module 'monaco-editor/language/json/monaco.contribution' {
  /** The part of Monaco's JSON language defaults this app uses. */
  export const jsonDefaults: {
    setDiagnosticsOptions(options: {
      validate?: boolean;
      allowComments?: boolean;
      enableSchemaRequest?: boolean;
      schemaValidation?: 'error' | 'warning' | 'ignore';
      schemaRequest?: 'error' | 'warning' | 'ignore';
      trailingCommas?: 'error' | 'warning' | 'ignore';
      schemas?: { uri: string; fileMatch?: string[]; schema?: unknown }[];
    }): void;
  };
}
