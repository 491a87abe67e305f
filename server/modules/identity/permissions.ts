/** Every permission a role can grant. Routes name the one they need; nothing else is checked. */
export const PERMISSIONS = [
  'customer:read',
  'customer:create',
  'customer:update',
  'customer:delete',
  'customer:restore',
  'customer:merge',
  'customer:merge_undo',
  'customer:export',
  'customer:transfer',
  'customer:assign',
  'activity:write',
  'data:import',
  'data:backup',
  'tag:manage',
  'tag:assign',
  'segment:manage',
  'credit:adjust',
  'credit:approve',
  'ticket:create',
  'ticket:manage',
  'process:manage',
  'org:manage',
  'user:read',
  'user:manage',
  'role:manage',
  'custom_field:manage',
  'token:manage',
  'audit:read',
  'settings:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const DATA_SCOPES = ['own', 'own_and_subordinates', 'unit', 'unit_and_below', 'all'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

/** Fields whose visibility a role can restrict; custom fields are addressed as 'custom.<key>'. */
export const PROTECTED_FIELDS = ['idNumber', 'mobile', 'phone', 'email', 'birthDate', 'address'] as const;
export const FIELD_ACCESS = ['hidden', 'read', 'edit', 'masked', 'masked_in_lists'] as const;
export type FieldAccess = (typeof FIELD_ACCESS)[number];

interface BuiltinRole {
  key: string;
  nameZh: string;
  nameEn: string;
  permissions: readonly Permission[];
  dataScope: DataScope;
  fieldRules: Record<string, FieldAccess>;
}

const READ: Permission[] = ['customer:read', 'user:read'];
const MASK_MOST: Record<string, FieldAccess> = { idNumber: 'masked', mobile: 'masked_in_lists' };

/** The roles every installation starts with; admins may add more but not delete these. */
export const BUILTIN_ROLES: BuiltinRole[] = [
  { key: 'admin', nameZh: '系统管理员', nameEn: 'Administrator', permissions: PERMISSIONS, dataScope: 'all', fieldRules: {} },
  {
    key: 'head_office_analyst',
    nameZh: '总行分析员',
    nameEn: 'Head-office analyst',
    permissions: [...READ, 'customer:export', 'segment:manage'],
    dataScope: 'all',
    fieldRules: { idNumber: 'masked', mobile: 'masked' },
  },
  {
    key: 'branch_manager',
    nameZh: '机构负责人',
    nameEn: 'Branch manager',
    permissions: [
      ...READ,
      'customer:create',
      'customer:update',
      'customer:delete',
      'customer:restore',
      'customer:merge',
      'customer:export',
      'customer:transfer',
      'customer:assign',
      'activity:write',
      'tag:assign',
      'credit:adjust',
      'credit:approve',
      'ticket:create',
    ],
    dataScope: 'unit_and_below',
    fieldRules: { idNumber: 'masked_in_lists' },
  },
  {
    key: 'customer_manager',
    nameZh: '客户经理',
    nameEn: 'Customer manager',
    permissions: [...READ, 'customer:create', 'customer:update', 'activity:write', 'tag:assign', 'credit:adjust', 'ticket:create'],
    dataScope: 'own',
    fieldRules: { idNumber: 'masked_in_lists' },
  },
  {
    key: 'service_agent',
    nameZh: '客服专员',
    nameEn: 'Service agent',
    permissions: [...READ, 'activity:write', 'ticket:create', 'ticket:manage'],
    dataScope: 'unit_and_below',
    fieldRules: MASK_MOST,
  },
  {
    key: 'marketer',
    nameZh: '营销人员',
    nameEn: 'Marketer',
    permissions: [...READ, 'customer:export', 'tag:manage', 'tag:assign', 'segment:manage'],
    dataScope: 'unit_and_below',
    fieldRules: { idNumber: 'hidden', mobile: 'masked', email: 'masked' },
  },
  {
    key: 'auditor',
    nameZh: '审计员',
    nameEn: 'Auditor',
    permissions: [...READ, 'audit:read'],
    dataScope: 'all',
    fieldRules: { idNumber: 'masked', mobile: 'masked' },
  },
];
