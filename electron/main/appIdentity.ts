/**
 * Who the desktop app is to the operating system. These values decide where Windows groups the
 * taskbar button (AppUserModelID) and, through electron-builder's `productName`, the folder that
 * holds the user's data. Changing either after a release strands existing installations' data,
 * so the packaging test checks electron-builder.yml against these constants.
 */

/** Reverse-DNS application id; equals `appId` in electron-builder.yml. */
export const APP_ID = 'eu.crisis-workbook.app';

/** Human-readable name; equals `productName` in electron-builder.yml. */
export const PRODUCT_NAME = 'Crisis Workbook';
