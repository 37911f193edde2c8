// The API reference page (/api/v1/docs): Redoc, vendored in
// vendor/redoc and loaded by the page as a classic script, renders
// /openapi.yaml.
const el = document.getElementById('redoc');
window.Redoc.init(el.dataset.spec, {
  expandResponses: '200,201',
  hideDownloadButton: false,
  theme: { colors: { primary: { main: '#1e3a8a' } } },
}, el);
