// UI entry: Vue app with Element Plus (zh-CN), the router and Pinia.
import { createApp } from "vue";
import { createPinia } from "pinia";
import ElementPlus from "element-plus";
import zhCn from "element-plus/es/locale/lang/zh-cn";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import "element-plus/dist/index.css";
import "./styles.css";
import App from "./App.vue";
import { router } from "./router";

dayjs.locale("zh-cn");
createApp(App).use(createPinia()).use(router).use(ElementPlus, { locale: zhCn }).mount("#app");
