/**
 * Stands in for @fluentui/react-charts in jsdom (tabs/jest.config.mjs maps the package here): the library ships d3
 * as ES modules jest's CommonJS loader cannot require. The charts draw nothing here; every chart has a table
 * alternative the tests read, and the charts themselves are checked in Chromium (tests/e2e/tabs-a11y).
 */
const nothing = () => null;
export const HorizontalBarChart = nothing;
export const DonutChart = nothing;
export const VerticalBarChart = nothing;
export const DataVizPalette = { color1: "color1", color2: "color2", color3: "color3", color4: "color4", color5: "color5" };
export const getColorFromToken = () => "#000";
