// snappyjs 0.7.0 ships no types. Only what Foresail uses is declared. For a plain Uint8Array input both
// functions return a new Uint8Array over a fresh ArrayBuffer (a Buffer input would give a Buffer back).
declare module 'snappyjs' {
  interface SnappyJS {
    compress(input: Uint8Array): Uint8Array<ArrayBuffer>;
    uncompress(input: Uint8Array, maxLength?: number): Uint8Array<ArrayBuffer>;
  }
  const snappy: SnappyJS;
  export default snappy;
}
