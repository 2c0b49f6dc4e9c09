import { computed, ref } from 'vue'

/** What the user picked in the shell's switch; "system" follows prefers-color-scheme. */
export type ThemeChoice = 'system' | 'light' | 'dark'

// A display preference, not a secret: it may live in localStorage. Only an explicit
// light or dark choice is stored, so a user who never touches the switch leaves no trace.
const KEY = 'crm.theme'
const DARK_QUERY = '(prefers-color-scheme: dark)'

function readStored(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system' // storage disabled: follow the system
  }
}

const choice = ref<ThemeChoice>('system')
const systemDark = ref(false)
const resolved = computed<'light' | 'dark'>(() =>
  choice.value === 'system' ? (systemDark.value ? 'dark' : 'light') : choice.value,
)
let started = false

function apply() {
  const root = document.documentElement
  if (choice.value === 'system') delete root.dataset.theme
  else root.dataset.theme = choice.value
}

/** Applies the stored choice and starts following the system and other tabs; call once at start. */
export function applyStoredTheme() {
  if (started) return
  started = true
  choice.value = readStored()
  const query = window.matchMedia?.(DARK_QUERY)
  if (query) {
    systemDark.value = query.matches
    query.addEventListener('change', (e) => (systemDark.value = e.matches))
  }
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY && e.key !== null) return
    choice.value = readStored()
    apply()
  })
  apply()
}

function setTheme(next: ThemeChoice) {
  choice.value = next
  try {
    if (next === 'system') localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, next)
  } catch {
    // storage disabled: the choice lasts until the tab closes
  }
  apply()
}

/** The value of a CSS custom property of the current theme (for canvases such as charts). */
export function themeColor(name: string, fallback = ''): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
  return value || fallback
}

/**
 * The theme switch's state. `resolved` is the theme in force ("light" or "dark"), for code
 * that must redraw when it changes (charts read `themeColor('--chart-text')` and friends).
 */
export function useTheme() {
  return { choice, resolved, setTheme }
}

/**
 * Colours for Chart.js (a canvas cannot use CSS variables), recomputed when the theme
 * changes: pass `text` to `color`/ticks and legend labels, `grid` to the scales' grid,
 * `series[key]` to datasets (status and priority keys, `other` for anything else).
 */
export function useChartTheme() {
  return computed(() => {
    void resolved.value // recompute on a theme change
    const color = (name: string, fallback: string) => themeColor(name, fallback)
    const blue = color('--chart-blue', '#3b6fb6')
    const amber = color('--chart-amber', '#c48a1a')
    const red = color('--chart-red', '#c0392b')
    return {
      text: color('--chart-text', '#3d4845'),
      grid: color('--chart-grid', '#e1e6e4'),
      surface: color('--surface', '#ffffff'),
      series: {
        new: blue,
        contacted: amber,
        qualified: color('--chart-teal', '#0f7f6a'),
        lost: red,
        converted: color('--chart-green', '#2e8b47'),
        low: blue,
        medium: amber,
        high: red,
        other: color('--chart-grey', '#7a8a85'),
      } as Record<string, string>,
    }
  })
}
