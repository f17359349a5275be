// certflow's settings for Camunda Cockpit: the service's name, Japanese first, dates as read in Japan.
export default {
  app: {
    name: "バックオフィス（運用監視）",
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
  disableWelcomeMessage: true
};
