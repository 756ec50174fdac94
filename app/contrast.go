package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// minLetterContrast is the least contrast a SMART letter has against the background: 3:1, the
// WCAG minimum for text that must be read at a glance (a failing letter is information, not
// decoration).
const minLetterContrast = 3.0

// smartLetterColor is the colour of a SMART letter: the theme's success green when it passes,
// its placeholder grey when it fails, each moved toward the text colour just as far as it takes
// to reach minLetterContrast on the background (the light theme's green and grey are too pale).
func smartLetterColor(ok bool, th fyne.Theme, v fyne.ThemeVariant) color.Color {
	base := th.Color(theme.ColorNamePlaceHolder, v)
	if ok {
		base = th.Color(theme.ColorNameSuccess, v)
	}
	return withContrast(base, th.Color(theme.ColorNameBackground, v), th.Color(theme.ColorNameForeground, v), minLetterContrast)
}

// withContrast blends c toward toward in small steps until it has at least min contrast on bg.
func withContrast(c, bg, toward color.Color, min float64) color.Color {
	for i := 0; i <= 20; i++ {
		m := blend(c, toward, float64(i)/20)
		if contrast(m, bg) >= min {
			return m
		}
	}
	return toward
}

func blend(a, b color.Color, t float64) color.Color {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	mix := func(x, y uint32) uint8 { return uint8(math.Round((float64(x)*(1-t) + float64(y)*t) / 257)) }
	return color.NRGBA{R: mix(ar, br), G: mix(ag, bg), B: mix(ab, bb), A: 0xff}
}

// contrast is the WCAG contrast ratio of two colours (1 to 21).
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
