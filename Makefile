# Microgoals — build, test, package and install.  `make help` lists the targets.
#
# Needs GNU make and bash. On Debian/Ubuntu `make deps` installs the C headers and tools the
# build and the tests need; elsewhere it says what to install.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

APP_ID  := io.github.microgoals.Microgoals
GO      ?= go
SHARED  ?= ../shared
BUILD   := build

# The version: the nearest git tag (v1.2.3, v1.2.3-4-gabcdef), else FyneApp.toml's Version.
TOML_VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)".*/\1/p' FyneApp.toml)
TOML_BUILD   := $(shell sed -n 's/^ *Build *= *\([0-9]*\).*/\1/p' FyneApp.toml)
ifeq ($(origin VERSION),undefined)
VERSION      := $(shell git describe --tags --dirty 2>/dev/null || echo $(TOML_VERSION))
endif
# `fyne package` wants a bare x.y.z: v1.2.3-4-gabcdef becomes 1.2.3.
PKG_VERSION  := $(shell v='$(VERSION)'; v=$${v#v}; echo "$${v%%-*}")
LDFLAGS      := -X main.version=$(VERSION)
# FyneApp.toml's [Migrations] fyneDo = true, for builds that do not read it (go build, go
# test): Fyne v2.8.1's internal/build/migrated_fynedo.go. The app promises that every UI change
# from another goroutine goes through fyne.Do, and Fyne drops its compatibility shims.
GOTAGS       := migrated_fynedo

# Installation (freedesktop layout); DESTDIR is prepended for staged installs.
PREFIX  ?= $(HOME)/.local
DESTDIR ?=
BINDIR  := $(PREFIX)/bin
DATADIR := $(PREFIX)/share
ICON_SIZES := 16 32 48 64 128 256 512
# The login entry that starts the agent (reminders and the tray): the user's autostart folder
# for an install under HOME, the system-wide one otherwise (the Debian package's).
AUTOSTART_FILE := $(APP_ID)-background.desktop
ifeq ($(patsubst $(HOME)/%,,$(PREFIX)),)
AUTOSTARTDIR ?= $(or $(XDG_CONFIG_HOME),$(HOME)/.config)/autostart
else
AUTOSTARTDIR ?= /etc/xdg/autostart
endif

# The packaging tool is installed on demand and never added to go.mod.
FYNE_TOOL_VERSION := v1.7.4
FYNE ?= $(shell $(GO) env GOPATH 2>/dev/null)/bin/fyne

# Debian packages: the cgo build of Fyne (GLFW with X11 and Wayland) and go-sqlite3 ...
BUILD_DEBS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev \
              wayland-protocols
# ... and the end-to-end tests: a virtual display, input and screenshots, the database shell,
# validators, a private D-Bus and a notification daemon (with a colour emoji font, so that its
# screenshots show emoji sequences rather than boxes).
TEST_DEBS  := xvfb xdotool x11-utils imagemagick sqlite3 desktop-file-utils appstream \
              dbus dbus-x11 dunst libnotify-bin libglib2.0-bin python3-dbus python3-gi radicale \
              fonts-noto-color-emoji
# Extra names for `make deps` (e.g. to try the missing-package path: EXTRA_DEBS=foo DRY_RUN=1).
EXTRA_DEBS ?=

# Refresh the icon cache only where one is kept (a theme index or an existing cache): creating a
# new cache in ~/.local would hide icons installed later until it is refreshed again.
update_icon_cache = d="$(DATADIR)/icons/hicolor"; \
	if command -v gtk-update-icon-cache >/dev/null && { [ -f "$$d/index.theme" ] || [ -f "$$d/icon-theme.cache" ]; }; \
	then gtk-update-icon-cache -q -t "$$d" || true; fi

.PHONY: help deps deps-build build run test bench package install uninstall clean startup icons idle deb

help: ## List the targets
	@echo "Usage: make [target] [VAR=value]   (default target: build)"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14 | sed 's/^/  /'
	@echo "Variables: PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) VERSION=$(VERSION) DRY_RUN=1 (deps)"

# check_go: Go 1.26 or newer must be on PATH.
define check_go
	command -v $(GO) >/dev/null || { echo "deps: Go is not installed (or not on PATH). Install Go 1.26+ from https://go.dev/dl/ (e.g. into /usr/local/go) and add /usr/local/go/bin to PATH." >&2; exit 1; }; \
	gv=$$($(GO) env GOVERSION); v=$${gv#go}; maj=$${v%%.*}; rest=$${v#*.}; min=$${rest%%[!0-9]*}; \
	if [ "$$maj" -lt 1 ] || { [ "$$maj" -eq 1 ] && [ "$$min" -lt 26 ]; }; then \
	  echo "deps: $$gv is too old; Microgoals needs Go 1.26+ (https://go.dev/dl/)." >&2; exit 1; fi
endef

# need_debs LIST: on Debian/Ubuntu install whichever of LIST is missing (apt-get update only
# then); elsewhere check the headers with pkg-config and say what to install.
define need_debs
	if command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; then \
	  missing=""; \
	  for p in $(1); do \
	    [ "$$(dpkg-query -W -f='$${db:Status-Status}' "$$p" 2>/dev/null)" = installed ] || missing="$$missing $$p"; \
	  done; \
	  if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	  elif [ -n "$${DRY_RUN:-}" ]; then echo "deps: would install:$$missing"; \
	  else \
	    echo "deps: installing:$$missing"; \
	    sudo=""; if [ "$$(id -u)" != 0 ]; then \
	      command -v sudo >/dev/null || { echo "deps: not root and no sudo; as root run: apt-get install -y$$missing" >&2; exit 1; }; \
	      sudo=sudo; fi; \
	    $$sudo apt-get update -qq; \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	  fi; \
	elif [ "$$(uname -s)" = Darwin ]; then \
	  xcode-select -p >/dev/null 2>&1 || { echo "deps: install the Xcode command line tools: xcode-select --install" >&2; exit 1; }; \
	  echo "deps: macOS: the build needs only the Xcode command line tools; the end-to-end tests run on Linux only."; \
	elif pkg-config --exists gl x11 xcursor xrandr xinerama xi xxf86vm wayland-client xkbcommon 2>/dev/null \
	     && command -v gcc >/dev/null; then \
	  echo "deps: no apt-get; the build headers are present (pkg-config). For 'make test' you also need Xvfb, xdotool, xprop/xdpyinfo, ImageMagick, sqlite3, desktop-file-validate, appstreamcli, dbus-daemon."; \
	else \
	  echo "deps: no apt-get here, and the C toolchain or headers for Fyne are missing. Install:" >&2; \
	  echo "  Fedora: sudo dnf install gcc pkgconf-pkg-config libX11-devel libXcursor-devel libXrandr-devel libXinerama-devel libXi-devel libXxf86vm-devel mesa-libGL-devel wayland-devel libxkbcommon-devel wayland-protocols-devel" >&2; \
	  echo "          tests: xorg-x11-server-Xvfb xdotool xprop xdpyinfo ImageMagick sqlite desktop-file-utils appstream dbus-daemon dbus-x11 dunst libnotify" >&2; \
	  echo "  Arch:   sudo pacman -S --needed gcc pkgconf libx11 libxcursor libxrandr libxinerama libxi libxxf86vm mesa wayland libxkbcommon wayland-protocols" >&2; \
	  echo "          tests: xorg-server-xvfb xdotool xorg-xprop xorg-xdpyinfo imagemagick sqlite desktop-file-utils appstream dbus dunst libnotify" >&2; \
	  echo "  macOS:  xcode-select --install (no other headers; the end-to-end tests run on Linux only)" >&2; \
	  echo "Then run make again." >&2; exit 1; \
	fi
endef

deps: ## Check Go 1.26+ and install the missing build and test packages (DRY_RUN=1 only tells)
	@$(check_go)
	@$(call need_debs,$(BUILD_DEBS) $(TEST_DEBS) $(EXTRA_DEBS))

deps-build: ## Like deps, for building only
	@$(check_go)
	@$(call need_debs,$(BUILD_DEBS) $(EXTRA_DEBS))

build: ## Build build/microgoals and build/microgoals-demo
	@mkdir -p $(BUILD)
	$(GO) build -tags $(GOTAGS) -ldflags "$(LDFLAGS)" -o $(BUILD)/microgoals ./cmd/microgoals
	$(GO) build -tags $(GOTAGS) -ldflags "$(LDFLAGS)" -o $(BUILD)/microgoals-demo ./cmd/microgoals-demo

run: deps-build build ## Build and start the app on the default database
	./$(BUILD)/microgoals

# The tests run in the C locale whatever the desktop's is: every variable that would pick
# another language or format is unset (tests that switch the locale set their own).
C_LOCALE := env -u LC_ALL -u LC_TIME -u LC_MESSAGES -u LC_NUMERIC -u LANGUAGE LANG=C.UTF-8

test: deps build ## go vet, go test, then the end-to-end checks under a private Xvfb
	$(GO) vet -tags $(GOTAGS) ./...
	$(C_LOCALE) $(GO) test -race -timeout 20m -tags $(GOTAGS) ./...
	$(C_LOCALE) bash scripts/e2e.sh

bench: ## Benchmarks (5 runs each) into build/bench.txt
	@mkdir -p $(BUILD)
	LANG=C.UTF-8 $(GO) test -tags $(GOTAGS) -timeout 60m -run '^$$' -bench . -benchmem -count 5 ./... | tee $(BUILD)/bench.txt

package: build ## Linux tarball with the fyne tool: build/microgoals-VERSION-linux-ARCH.tar.xz
	@[ -x "$(FYNE)" ] || { echo "package: installing fyne.io/tools/cmd/fyne@$(FYNE_TOOL_VERSION)"; \
	  $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOL_VERSION); }
	@# fyne runs where the Go code and FyneApp.toml are and writes Microgoals.tar.xz there; it
	@# also rewrites FyneApp.toml (bumping Build), so the committed file is put back afterwards.
	cp FyneApp.toml $(BUILD)/FyneApp.toml.orig; \
	trap 'cp $(BUILD)/FyneApp.toml.orig FyneApp.toml' EXIT; \
	"$(FYNE)" package -os linux --exe $(BUILD)/microgoals --icon resources/icon.png \
	  --name Microgoals --app-id $(APP_ID) --app-version $(PKG_VERSION) --app-build $(TOML_BUILD)
	@# fyne's bundle has the binary, the .desktop entry and an icon: add the AppStream metadata
	@# and the agent's login entry, and make its Makefile install them.
	rm -rf $(BUILD)/pkg && mkdir -p $(BUILD)/pkg && tar -C $(BUILD)/pkg -xJf Microgoals.tar.xz && rm Microgoals.tar.xz
	@# The bundle is either flat (Makefile, usr/) or in one folder, depending on the tar version.
	top=$$(dirname "$$(find $(BUILD)/pkg -maxdepth 2 -name Makefile | head -n 1)"); \
	base=usr; [ -d "$$top/usr/local" ] && base=usr/local; \
	install -Dm644 resources/$(APP_ID).metainfo.xml "$$top/$$base/share/metainfo/$(APP_ID).metainfo.xml"; \
	install -Dm644 resources/$(AUTOSTART_FILE) "$$top/$$base/share/microgoals/$(AUTOSTART_FILE)"; \
	sed -i -e 's/^install:$$/install: install-extras/' -e 's/^uninstall:$$/uninstall: uninstall-extras/' \
	  -e 's/^user-install:$$/user-install: user-install-extras/' -e 's/^user-uninstall:$$/user-uninstall: user-uninstall-extras/' \
	  "$$top/Makefile"; \
	{ echo; echo "# Added by Microgoals' make package: AppStream metadata and the login entry of the agent."; \
	  echo "install-extras:"; \
	  echo "	install -Dm00644 $$base/share/metainfo/$(APP_ID).metainfo.xml \$$(DESTDIR)\$$(PREFIX)/share/metainfo/$(APP_ID).metainfo.xml"; \
	  echo "	install -d \$$(DESTDIR)/etc/xdg/autostart"; \
	  echo "	sed 's|^Exec=.*|Exec=\$$(PREFIX)/bin/microgoals --background|' $$base/share/microgoals/$(AUTOSTART_FILE) >\$$(DESTDIR)/etc/xdg/autostart/$(AUTOSTART_FILE)"; \
	  echo "uninstall-extras:"; \
	  echo "	-rm \$$(DESTDIR)\$$(PREFIX)/share/metainfo/$(APP_ID).metainfo.xml \$$(DESTDIR)/etc/xdg/autostart/$(AUTOSTART_FILE)"; \
	  echo "user-install-extras:"; \
	  echo "	install -Dm00644 $$base/share/metainfo/$(APP_ID).metainfo.xml \$$(DESTDIR)\$$(HOME)/.local/share/metainfo/$(APP_ID).metainfo.xml"; \
	  echo "	install -d \$$(DESTDIR)\$$(HOME)/.config/autostart"; \
	  echo "	sed 's|^Exec=.*|Exec=\$$(HOME)/.local/bin/microgoals --background|' $$base/share/microgoals/$(AUTOSTART_FILE) >\$$(DESTDIR)\$$(HOME)/.config/autostart/$(AUTOSTART_FILE)"; \
	  echo "user-uninstall-extras:"; \
	  echo "	-rm \$$(DESTDIR)\$$(HOME)/.local/share/metainfo/$(APP_ID).metainfo.xml \$$(DESTDIR)\$$(HOME)/.config/autostart/$(AUTOSTART_FILE)"; \
	} >>"$$top/Makefile"
	tar -C $(BUILD)/pkg -cJf $(BUILD)/microgoals-$(PKG_VERSION)-linux-$$($(GO) env GOARCH).tar.xz $$(ls $(BUILD)/pkg)
	@ls -l $(BUILD)/*.tar.xz

install: build ## Install into PREFIX (default ~/.local); DESTDIR for staging
	install -Dm755 $(BUILD)/microgoals "$(DESTDIR)$(BINDIR)/microgoals"
	for s in $(ICON_SIZES); do \
	  install -Dm644 resources/hicolor/$${s}x$${s}/apps/$(APP_ID).png \
	    "$(DESTDIR)$(DATADIR)/icons/hicolor/$${s}x$${s}/apps/$(APP_ID).png"; \
	done
	install -Dm644 resources/icon.svg "$(DESTDIR)$(DATADIR)/icons/hicolor/scalable/apps/$(APP_ID).svg"
	install -Dm644 resources/$(APP_ID).metainfo.xml "$(DESTDIR)$(DATADIR)/metainfo/$(APP_ID).metainfo.xml"
	@# The menu entry points at the installed binary, quoted if its path has a space.
	exe='$(BINDIR)/microgoals'; case "$$exe" in *' '*) exe="\"$$exe\"";; esac; \
	install -d "$(DESTDIR)$(DATADIR)/applications"; \
	sed "s|^Exec=.*|Exec=$$exe|" resources/$(APP_ID).desktop >"$(DESTDIR)$(DATADIR)/applications/$(APP_ID).desktop"
	@# Start at login: the agent, which exits at once while there is no plan yet.
	install -d "$(DESTDIR)$(AUTOSTARTDIR)"
	exe='$(BINDIR)/microgoals'; case "$$exe" in *' '*) exe="\"$$exe\"";; esac; \
	sed "s|^Exec=.*|Exec=$$exe --background|" resources/$(AUTOSTART_FILE) >"$(DESTDIR)$(AUTOSTARTDIR)/$(AUTOSTART_FILE)"
	@if [ -z "$(DESTDIR)" ]; then \
	  command -v update-desktop-database >/dev/null && update-desktop-database -q "$(DATADIR)/applications" || true; \
	  $(update_icon_cache); \
	fi
	@echo "Installed Microgoals $(VERSION) into $(DESTDIR)$(PREFIX)"

uninstall: ## Remove what install put into PREFIX
	rm -f "$(DESTDIR)$(BINDIR)/microgoals" \
	  "$(DESTDIR)$(DATADIR)/applications/$(APP_ID).desktop" \
	  "$(DESTDIR)$(DATADIR)/metainfo/$(APP_ID).metainfo.xml" \
	  "$(DESTDIR)$(AUTOSTARTDIR)/$(AUTOSTART_FILE)" \
	  "$(DESTDIR)$(DATADIR)/icons/hicolor/scalable/apps/$(APP_ID).svg"
	for s in $(ICON_SIZES); do rm -f "$(DESTDIR)$(DATADIR)/icons/hicolor/$${s}x$${s}/apps/$(APP_ID).png"; done
	@if [ -z "$(DESTDIR)" ]; then \
	  command -v update-desktop-database >/dev/null && update-desktop-database -q "$(DATADIR)/applications" || true; \
	  $(update_icon_cache); \
	fi

clean: ## Remove build/ (binaries, demo databases, artifacts, bench results)
	rm -rf $(BUILD)

startup: build ## Start-up time and memory: Microgoals (10,000 goals) vs the Fyne floor vs Endeavour
	@[ -f $(BUILD)/demo10k.db ] || { echo "startup: generating $(BUILD)/demo10k.db"; \
	  ./$(BUILD)/microgoals-demo --db $(BUILD)/demo10k.db --goals 10000 --entries 100000; }
	@[ -f "$(SHARED)/tools/measure-startup.sh" ] || { echo "startup: $(SHARED)/tools/measure-startup.sh not found (set SHARED=...)" >&2; exit 1; }
	@rows=("Microgoals|$(CURDIR)/$(BUILD)/microgoals --db $(CURDIR)/$(BUILD)/demo10k.db"); \
	if [ -d "$(SHARED)/tools/fyne-floor" ]; then \
	  (cd "$(SHARED)/tools/fyne-floor" && $(GO) build -o "$(CURDIR)/$(BUILD)/fyne-floor" .); \
	  rows+=("Fyne floor|$(CURDIR)/$(BUILD)/fyne-floor"); \
	else echo "startup: skipping the Fyne floor ($(SHARED)/tools/fyne-floor not found)"; fi; \
	if command -v endeavour >/dev/null; then rows+=("Endeavour|endeavour"); \
	else echo "startup: skipping Endeavour (not installed; apt-get install endeavour)"; fi; \
	bash "$(SHARED)/tools/measure-startup.sh" "$${rows[@]}"

idle: build ## CPU s per 10 min and RSS of the agent on 10,000 goals, beside a bare Fyne window
	@[ -f $(BUILD)/demo10k.db ] || { echo "idle: generating $(BUILD)/demo10k.db"; \
	  ./$(BUILD)/microgoals-demo --db $(BUILD)/demo10k.db --goals 10000 --entries 100000; }
	@floor=; if [ -d "$(SHARED)/tools/fyne-floor" ]; then \
	  (cd "$(SHARED)/tools/fyne-floor" && $(GO) build -o "$(CURDIR)/$(BUILD)/fyne-floor" .); floor=$(CURDIR)/$(BUILD)/fyne-floor; \
	else echo "idle: no bare Fyne window to compare with ($(SHARED)/tools/fyne-floor not found)"; fi; \
	bash scripts/idle.sh $(CURDIR)/$(BUILD)/microgoals $(CURDIR)/$(BUILD)/demo10k.db $$floor | tee $(BUILD)/idle.txt

# The Debian package: the binary, icons, .desktop entry, AppStream metadata and the login entry,
# staged with `make install` under /usr and built with dpkg-deb (no root needed).
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null || $(GO) env GOARCH)
DEB      := $(BUILD)/microgoals_$(PKG_VERSION)_$(DEB_ARCH).deb
DEB_ROOT := $(BUILD)/deb-root

deb: build ## Debian package: build/microgoals_VERSION_ARCH.deb (apt install ./build/microgoals_*.deb)
	rm -rf $(DEB_ROOT)
	$(MAKE) --no-print-directory install PREFIX=/usr DESTDIR=$(CURDIR)/$(DEB_ROOT) AUTOSTARTDIR=/etc/xdg/autostart
	strip --strip-unneeded $(DEB_ROOT)/usr/bin/microgoals
	install -Dm644 resources/copyright "$(DEB_ROOT)/usr/share/doc/microgoals/copyright"
	install -d $(DEB_ROOT)/DEBIAN
	size=$$(du -sk --exclude=DEBIAN $(DEB_ROOT) | cut -f1); \
	sed -e "s/@VERSION@/$(PKG_VERSION)/" -e "s/@ARCH@/$(DEB_ARCH)/" -e "s/@SIZE@/$$size/" \
	  resources/deb-control >$(DEB_ROOT)/DEBIAN/control
	dpkg-deb --root-owner-group -Zxz --build $(DEB_ROOT) $(DEB)
	@dpkg-deb --info $(DEB) | sed -n '/Package:/,$$p'

icons: ## Re-render the PNG icons from the SVGs (needs rsvg-convert: librsvg2-bin)
	rsvg-convert -w 512 -h 512 resources/icon.svg -o resources/icon.png
	for s in $(ICON_SIZES); do \
	  src=resources/icon.svg; [ $$s -le 16 ] && src=resources/icon-small.svg; \
	  mkdir -p resources/hicolor/$${s}x$${s}/apps; \
	  rsvg-convert -w $$s -h $$s $$src -o resources/hicolor/$${s}x$${s}/apps/$(APP_ID).png; \
	done
