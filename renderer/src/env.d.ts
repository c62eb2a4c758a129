/** The application version from package.json, set by the Vite build. */
declare const __APP_VERSION__: string;
