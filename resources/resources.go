// Package resources holds the files that ship inside the Microgoals binary: the app icon, as a
// 512×512 PNG and as the SVG it is rendered from. It imports nothing but embed, so any package
// can use it without pulling in Fyne; the app wraps the bytes itself, for example with
// fyne.NewStaticResource("icon.png", resources.IconPNG).
//
// The hicolor PNGs, the .desktop file and the AppStream metadata beside this file are installed
// by `make install`, not embedded.
package resources

import _ "embed"

// IconPNG is the app icon rendered at 512×512 pixels from icon.svg.
//
//go:embed icon.png
var IconPNG []byte

// IconSVG is the app icon as a scalable drawing.
//
//go:embed icon.svg
var IconSVG []byte
