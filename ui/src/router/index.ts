// Routes of the working pages; `meta.title`/`icon` feed the side menu, `meta.bare` hides it (print views).
import { createRouter, createWebHashHistory, type RouteRecordRaw } from "vue-router";
import { OfficeBuilding, List, Upload, Tickets } from "@element-plus/icons-vue";
import { markRaw } from "vue";
import { Notebook, ChatDotSquare } from "@element-plus/icons-vue";
import { DataAnalysis, Trophy } from "@element-plus/icons-vue";
import { Document, Setting, Files } from "@element-plus/icons-vue";
import { Switch, HomeFilled, Medal, Connection } from "@element-plus/icons-vue";

declare module "vue-router" {
  interface RouteMeta {
    title?: string;
    icon?: unknown;
    bare?: boolean;
  }
}

export const menuRoutes: RouteRecordRaw[] = [
  {
    path: "/",
    name: "workbench",
    component: () => import("../views/workbench/index.vue"),
    meta: { title: "工作台", icon: markRaw(HomeFilled) },
  },
  {
    path: "/enterprises",
    name: "enterprises",
    component: () => import("../views/enterprises/index.vue"),
    meta: { title: "企业库", icon: markRaw(OfficeBuilding) },
  },
  {
    path: "/lists",
    name: "lists",
    redirect: "/lists/pool",
    meta: { title: "名单", icon: markRaw(Medal) },
  },
  {
    path: "/import",
    name: "import",
    component: () => import("../views/import/index.vue"),
    meta: { title: "数据导入", icon: markRaw(Upload) },
  },
  {
    path: "/imports",
    name: "imports",
    component: () => import("../views/imports/index.vue"),
    meta: { title: "导入记录", icon: markRaw(Tickets) },
  },
  {
    path: "/work-plans",
    name: "work-plans",
    component: () => import("../views/work-plans/index.vue"),
    meta: { title: "工作方案", icon: markRaw(Files) },
  },
  {
    path: "/tasks",
    name: "tasks",
    component: () => import("../views/tasks/index.vue"),
    meta: { title: "任务分工", icon: markRaw(List) },
  },
  {
    path: "/plans",
    name: "plans",
    component: () => import("../views/plans/index.vue"),
    meta: { title: "一企一策", icon: markRaw(Notebook) },
  },
  {
    path: "/clusters",
    name: "clusters",
    component: () => import("../views/clusters/index.vue"),
    meta: { title: "集群 · 一群一策", icon: markRaw(Connection) },
  },
  {
    path: "/ledger",
    name: "ledger",
    component: () => import("../views/ledger/index.vue"),
    meta: { title: "问题台账", icon: markRaw(ChatDotSquare) },
  },
  {
    path: "/targets",
    name: "targets",
    component: () => import("../views/targets/index.vue"),
    meta: { title: "目标看板", icon: markRaw(DataAnalysis) },
  },
  {
    path: "/counties",
    name: "counties",
    component: () => import("../views/counties/index.vue"),
    meta: { title: "县区考核", icon: markRaw(Trophy) },
  },
  {
    path: "/audit",
    name: "audit",
    component: () => import("../views/audit/index.vue"),
    meta: { title: "操作日志", icon: markRaw(Document) },
  },
  {
    path: "/exchange",
    name: "exchange",
    component: () => import("../views/exchange/index.vue"),
    meta: { title: "数据交换", icon: markRaw(Switch) },
  },
  {
    path: "/settings",
    name: "settings",
    component: () => import("../views/settings/index.vue"),
    meta: { title: "设置", icon: markRaw(Setting) },
  },
];

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    ...menuRoutes,
    { path: "/lists/:kind", component: () => import("../views/lists/index.vue") },
    { path: "/enterprises/:id", component: () => import("../views/enterprise-detail/index.vue") },
    { path: "/clusters/:id", component: () => import("../views/clusters/detail.vue") },
    { path: "/plans/:enterpriseId", component: () => import("../views/plans/detail.vue") },
    { path: "/print/plan/:enterpriseId", component: () => import("../views/print/plan.vue"), meta: { bare: true } },
    { path: "/print/tasks", component: () => import("../views/print/tasks.vue"), meta: { bare: true } },
    { path: "/print/progress", component: () => import("../views/print/tasks.vue"), meta: { bare: true } },
    { path: "/print/targets", component: () => import("../views/targets/print.vue"), meta: { bare: true } },
    { path: "/print/assessment", component: () => import("../views/counties/print.vue"), meta: { bare: true } },
    { path: "/print/report", component: () => import("../views/print/report.vue"), meta: { bare: true } },
  ],
});
