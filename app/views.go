package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// view is a tab of the main window beside the outline (Today, Calendar, Charts, Reviews…).
// A view is built the first time its tab is opened, so start-up pays only for the outline.
type view interface {
	// Title and Icon label the tab.
	Title() string
	Icon() fyne.Resource
	// Build makes the view's content; it is called once, when the tab is first opened.
	Build() fyne.CanvasObject
	// Refresh redraws the view from u.data after the plan changed; it is called only once the
	// view has been built.
	Refresh()
}

// newViews lists the views after the outline, in tab order. Each feature adds its own here.
func (u *UI) newViews() []view {
	return []view{newTodayView(u), newCalendarView(u), newChartsView(u), newReviewsView(u), newBoardView(u), newPeopleView(u)}
}

// tabbedView holds a view, its tab and whether its content exists yet.
type tabbedView struct {
	view  view
	tab   int
	built bool
}

// buildTabs puts the outline and the other views in tabs; a view's content is built when its
// tab is first selected.
func (u *UI) buildTabs(outline fyne.CanvasObject) fyne.CanvasObject {
	u.tabs = newTabBar()
	u.tabs.append(lang.L("Outline"), theme.ListIcon(), outline)
	for _, v := range u.newViews() {
		tv := &tabbedView{view: v}
		tv.tab = u.tabs.append(v.Title(), v.Icon(), container.NewStack())
		u.views = append(u.views, tv)
	}
	u.tabs.onSelected = func(i int) {
		// The where/with question belongs to the view the step was completed in: moving on
		// to another tab skips it, as going on without answering does.
		if u.doneCtx != nil {
			u.doneCtx.popup.Hide()
		}
		for _, tv := range u.views {
			if tv.tab == i {
				u.showView(tv)
			}
		}
	}
	return u.tabs.view
}

func (u *UI) showView(tv *tabbedView) {
	if !tv.built {
		tv.built = true
		u.tabs.setContent(tv.tab, tv.view.Build())
	}
	tv.view.Refresh()
}

// refreshViews redraws every built view after the plan changed.
func (u *UI) refreshViews() {
	for _, tv := range u.views {
		if tv.built {
			tv.view.Refresh()
		}
	}
}

// selectView opens the tab of the view with the given title.
func (u *UI) selectView(title string) {
	for _, tv := range u.views {
		if tv.view.Title() == title {
			u.tabs.selectTab(tv.tab)
			return
		}
	}
}
