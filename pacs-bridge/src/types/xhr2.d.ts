// xhr2 gives dicomweb-client (written for browsers) an XMLHttpRequest in Node. The bridge
// only constructs it and hands it over, so its shape stays opaque here.
declare module 'xhr2' {
  const XMLHttpRequest: new () => object;
  export default XMLHttpRequest;
}
