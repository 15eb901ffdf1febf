/** Recorded in every estimate, so a saved or printed estimate can be reproduced. */
export const ENGINE_VERSION = '1.0.0';
