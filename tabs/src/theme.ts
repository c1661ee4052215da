import { createContext } from "react";
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";
import type { ThemeName } from "./teams/host";

/** Teams "default" → web light, "dark" → web dark, "contrast" → Teams high contrast. */
export const fluentThemes: Record<ThemeName, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** The current theme's name, for the few things tokens cannot reach (chart palettes). */
export const ThemeNameContext = createContext<ThemeName>("light");
