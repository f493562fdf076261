// The session's bearer token, read at request time by every request (API and DICOMweb).
let token: string | null = null;

export const setToken = (t: string | null) => {
  token = t;
};
export const getToken = () => token;
