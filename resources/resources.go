// Package resources holds the files that ship inside the Microgoals binary: the app icon, as a
// 512×512 PNG and as the SVG it is rendered from. It imports nothing but embed, so any package
// can use it without pulling in Fyne; the app wraps the bytes itself, for example with
// fyne.NewStaticResource("icon.png", resources.IconPNG).
//
// The hicolor PNGs, the .desktop file and the AppStream metadata beside this file are installed
// by `make install`, not embedded.
package resources

import "embed"

// IconPNG is the app icon rendered at 512×512 pixels from icon.svg.
//
//go:embed icon.png
var IconPNG []byte

// Icon128PNG is the app icon at 128×128 pixels: the window's icon. Window systems show it at
// 16–64 pixels; handing them 512 pixels costs a megabyte of pixels and time at every start.
//
//go:embed hicolor/128x128/apps/io.github.microgoals.Microgoals.png
var Icon128PNG []byte

// Icon64PNG is the app icon at 64×64 pixels, the size a system tray shows.
//
//go:embed hicolor/64x64/apps/io.github.microgoals.Microgoals.png
var Icon64PNG []byte

// IconSVG is the app icon as a scalable drawing.
//
//go:embed icon.svg
var IconSVG []byte

// Translations holds the user-visible strings of the app in each language it ships, one JSON
// file a language named ui.<lang>.json (the [prefix.]lang.json pattern of Fyne's lang package).
// The keys are the English texts; plural forms are go-i18n objects with "one" and "other".
//
//go:embed translations
var Translations embed.FS
