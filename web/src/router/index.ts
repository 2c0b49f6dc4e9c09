import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router'
import type { Role } from '@/api/types'
import { setRouteTitle } from '@/composables/usePageTitle'
import { useAuth } from '@/stores/auth'

declare module 'vue-router' {
  interface RouteMeta {
    /** Pages anyone may see without signing in. */
    public?: boolean
    /** Roles allowed; every signed-in user when absent. */
    roles?: Role[]
    title?: string
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/auth/LoginView.vue'), meta: { public: true, title: 'Sign in' } },
  { path: '/', name: 'dashboard', component: () => import('@/views/dashboard/DashboardView.vue'), meta: { title: 'Dashboard' } },
  { path: '/leads', name: 'leads', component: () => import('@/views/leads/LeadListView.vue'), meta: { title: 'Leads' } },
  { path: '/leads/new', name: 'lead-new', component: () => import('@/views/leads/LeadNewView.vue'), meta: { title: 'New lead' } },
  {
    path: '/leads/:id(\\d+)',
    name: 'lead',
    component: () => import('@/views/leads/LeadDetailView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: 'Lead' },
  },
  { path: '/pipeline', name: 'pipeline', component: () => import('@/views/pipeline/PipelineView.vue'), meta: { title: 'Pipeline' } },
  { path: '/today', name: 'today', component: () => import('@/views/today/TodayView.vue'), meta: { title: 'Today' } },
  { path: '/reminders', name: 'reminders', component: () => import('@/views/reminders/RemindersView.vue'), meta: { title: 'Reminders' } },
  { path: '/audit', name: 'audit', component: () => import('@/views/audit/AuditLogView.vue'), meta: { title: 'Audit log', roles: ['manager'] } },
  { path: '/users', name: 'users', component: () => import('@/views/users/UsersView.vue'), meta: { title: 'Users', roles: ['manager'] } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/errors/NotFoundView.vue'), meta: { title: 'Not found' } },
]

/** Whether the signed-in user's role may open a route (the shell shows "not allowed" otherwise). */
export function allowed(roles: Role[] | undefined, role: Role | undefined): boolean {
  return !roles || (role !== undefined && roles.includes(role))
}

export function makeRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes })

  router.beforeEach(async (to) => {
    const auth = useAuth()
    if (!auth.ready) await auth.restore()
    if (to.meta.public) {
      return auth.signedIn && to.name === 'login' ? { name: 'dashboard' } : true
    }
    if (!auth.signedIn) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
    }
    return true
  })

  // The route's title is the fallback; a view may name the page better (usePageTitle).
  router.afterEach((to, _from, failure) => {
    if (!failure) setRouteTitle(to.meta.title)
  })

  return router
}
