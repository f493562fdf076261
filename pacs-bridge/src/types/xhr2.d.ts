// xhr2 gives dicomweb-client (written for browsers) an XMLHttpRequest in Node. The bridge
// constructs it, hands it over, and aborts it when the archive takes too long.
declare module 'xhr2' {
  const XMLHttpRequest: new () => { abort(): void };
  export default XMLHttpRequest;
}
