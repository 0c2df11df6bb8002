declare module 'monaco-editor/language/json/monaco.contribution';
