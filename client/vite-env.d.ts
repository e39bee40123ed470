/// <reference types="vite/client" />

declare module 'virtual:region-names/*' {
  const names: Record<string, string>;
  export default names;
}
