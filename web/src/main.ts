import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { keepAcrossReloads, whenExpired } from './api/session'
import { makeRouter } from './router'
import { useAuth } from './stores/auth'
import { useToasts } from './stores/toasts'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
const router = makeRouter()
app.use(pinia).use(router)

keepAcrossReloads()
whenExpired(() => {
  useAuth().forget()
  useToasts().error('Your session has ended: please sign in again.')
  const here = router.currentRoute.value
  if (!here.meta.public) void router.push({ name: 'login', query: { next: here.fullPath } })
})

app.mount('#app')
