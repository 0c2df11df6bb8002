import { productName, version } from '../../package.json';

export const APP_NAME: string = productName;
export const APP_VERSION: string = version;
