// User administration: an institution administrator manages their institution's users.
import type zh from '../zh-CN/admin';

const en: typeof zh = {
  title: 'Users',
  hint: 'Deactivating, changing roles and resetting a password sign the user out everywhere at once.',
  name: 'Name',
  username: 'Username',
  department: 'Department',
  roles: 'Roles',
  status: 'Status',
  actions: 'Actions',
  active: 'Active',
  inactive: 'Deactivated',
  mustChange: 'Must change password',
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  resetPassword: 'Reset password',
  editRoles: 'Edit roles',
  saveRoles: 'Save roles',
  cancel: 'Cancel',
  you: ' (you)',
  confirmDeactivate: 'Deactivate {{name}}? They are signed out everywhere at once.',
  confirmReset: "Reset {{name}}'s password? They are signed out everywhere at once.",
  temporary:
    "{{name}}'s temporary password (shown this once; hand it over in person or by a safe channel; it must be changed at the first sign-in):",
  rolesSaved: 'Roles saved; {{name}} signs in again.',
  atLeastOneRole: 'Choose at least one role',
};

export default en;
