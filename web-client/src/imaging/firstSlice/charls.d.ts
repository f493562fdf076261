// CharLS's Emscripten build ships no types; decode.ts states the part of it that it uses.
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: unknown;
  export default factory;
}
