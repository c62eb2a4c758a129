/**
 * The part of pdfmake's browser build (pdfmake/build/pdfmake.js, a self-contained bundle that runs
 * in the browser, in Electron's renderer, in a worker and under Node) that the binder uses. The
 * published typings (@types/pdfmake) pull the DOM and Node libraries into every project.
 */
declare module 'pdfmake/build/pdfmake.js' {
  interface CreatedPdf {
    getBuffer(): Promise<Uint8Array>;
  }
  interface PdfMake {
    createPdf(definition: object): CreatedPdf;
    addVirtualFileSystem(vfs: Readonly<Record<string, string>>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setProgressCallback(callback: ((progress: number) => void) | undefined): void;
    addTableLayouts(layouts: object): void;
    localAccessPolicy?: (path: string) => boolean;
  }
  const pdfMake: PdfMake;
  export default pdfMake;
}

declare module 'pdfmake/build/vfs_fonts.js' {
  /** Roboto (Latin, Greek, Cyrillic) as base64 font files. */
  const vfs: Readonly<Record<string, string>>;
  export default vfs;
}
