// certflow's settings for Camunda Tasklist: the service's name, Japanese first, dates as read in Japan.
export default {
  app: {
    name: "バックオフィス（タスク）",
    vendor: "MCCI電子証明書サービス"
  },
  locales: {
    availableLocales: ["ja", "en"],
    fallbackLocale: "en"
  },
  dateFormat: {
    normal: "YYYY/MM/DD HH:mm",
    long: "YYYY年M月D日 HH:mm"
  },
  // the task list is the day-to-day screen of accounting and reviewers
  shortcuts: {
    claimTask: {key: "ctrl+alt+c", description: "選択中のタスクを担当する"},
    focusFilter: {key: "ctrl+shift+f", description: "最初のフィルターに移動する"},
    focusList: {key: "ctrl+alt+l", description: "最初のタスクに移動する"},
    focusForm: {key: "ctrl+alt+f", description: "タスクフォームの最初の入力欄に移動する"},
    startProcess: {key: "ctrl+alt+p", description: "プロセス開始ダイアログを開く"}
  },
  disableWelcomeMessage: true
};
