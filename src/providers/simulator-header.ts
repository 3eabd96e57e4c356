/** Sent by the bundled simulator with every answer, so its answers are labelled as simulated. */
export const SIMULATOR_HEADER = 'x-threatcrowd-simulator';
