import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { listenToOtherTabs, whenExpired } from './api/session'
import { applyStoredTheme } from './composables/useTheme'
import { makeRouter } from './router'
import { SESSION_ENDED, useAuth } from './stores/auth'
import './styles.css'

applyStoredTheme()
const app = createApp(App)
const pinia = createPinia()
const router = makeRouter()
app.use(pinia).use(router)

function toLogin() {
  const here = router.currentRoute.value
  if (!here.meta.public) void router.push({ name: 'login', query: { next: here.fullPath } })
}

whenExpired(() => {
  useAuth().forget(SESSION_ENDED)
  toLogin()
})
// The tabs share one session: a sign-in, sign-out or end in one reaches the others.
listenToOtherTabs((message) => {
  const follow = useAuth().followOtherTab(message)
  const here = router.currentRoute.value
  if (follow === 'login') toLogin()
  if (follow === 'resume' && here.name === 'login') {
    const next = typeof here.query.next === 'string' && here.query.next.startsWith('/') ? here.query.next : '/'
    void router.replace(next)
  }
})

app.mount('#app')
