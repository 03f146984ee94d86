/**
 * How Excel shows each style role of a sheet spec, and the tones of conditional formats.
 * Fills are light and text stays dark so printed sheets and both Office themes stay
 * readable; the tones are Excel's own "Good / Neutral / Bad" cell-style colours.
 */
import type { StyleRole, Tone } from "../templates/types";

export interface RoleStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontColor?: string;
  readonly size?: number;
  readonly fill?: string;
  readonly wrapText?: boolean;
  readonly horizontalAlignment?: "Left" | "Center" | "Right";
  readonly verticalAlignment?: "Top" | "Center" | "Bottom";
}

export const ROLE_STYLES: Readonly<Record<StyleRole, RoleStyle>> = {
  title: { bold: true, size: 14, fontColor: "#0B5A2F" },
  instructions: { italic: true, fontColor: "#505050" },
  header: { bold: true, fill: "#107C41", fontColor: "#FFFFFF", wrapText: true, verticalAlignment: "Center", horizontalAlignment: "Center" },
  input: { fill: "#FFF2CC", fontColor: "#1F1F1F" },
  computed: { fill: "#F2F2F2", fontColor: "#1F1F1F" },
  total: { bold: true, fill: "#E2EFDA", fontColor: "#1F1F1F" },
  weight: { fill: "#FCE4D6", fontColor: "#1F1F1F" },
  benchmark: { fill: "#DDEBF7", fontColor: "#1F3864" },
  note: { italic: true, size: 9, fontColor: "#595959" },
};

export const TONE_STYLES: Readonly<Record<Tone, { readonly fill: string; readonly fontColor: string }>> = {
  good: { fill: "#C6EFCE", fontColor: "#006100" },
  ok: { fill: "#FFEB9C", fontColor: "#9C5700" },
  bad: { fill: "#FFC7CE", fontColor: "#9C0006" },
};
