/** The version `whdb --version` prints; a spec keeps it equal to package.json's. */
export const CLI_VERSION = '0.1.0';
