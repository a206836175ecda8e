/** A brand kit's three colours, each `#rrggbb` in lower case. */
export interface BrandColors {
  readonly primary: string;
  readonly secondary: string;
  readonly accent: string;
}
