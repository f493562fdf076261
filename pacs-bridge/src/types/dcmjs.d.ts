// The small part of dcmjs (no published types) that the bridge uses.
declare module 'dcmjs' {
  interface DicomElement {
    vr: string;
    Value?: unknown[];
  }
  interface DicomDict {
    meta: Record<string, DicomElement>;
    dict: Record<string, DicomElement>;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }
  interface ReadOptions {
    /** Stop parsing at this tag (e.g. '7FE00010'), so pixel data isn't copied. */
    untilTag?: string;
    includeUntilTagValue?: boolean;
    /** Stop at the first tag after `untilTag` rather than only at it. */
    stopOnGreaterTag?: boolean;
  }
  const dcmjs: {
    data: {
      DicomMetaDictionary: { uid(): string };
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: ReadOptions): DicomDict };
      datasetToDict(dataset: Record<string, unknown>): DicomDict;
    };
    log: { setLevel(level: string): void };
  };
  export default dcmjs;
}
