/** The slash command's name on every platform. */
export const SLASH = '/threatcrowd';
