-- KMS now holds each account's AWS managed key for S3 itself, under alias/aws/s3
-- (dev.coffer.kms.key.AwsManagedKeys). The keys S3 created for that purpose before, listed in s3_managed_keys,
-- become those keys — KeyManager AWS, the alias, yearly rotation, the S3 service policy — so objects written
-- under them keep their key; then the stopgap table goes.

UPDATE kms_keys SET key_manager = 'AWS', rotation_enabled = 1, rotation_period_days = 365,
    next_rotation_at = created_at + 31536000000
    WHERE arn IN (SELECT key_arn FROM s3_managed_keys);

INSERT INTO kms_aliases (account_id, alias_name, key_id, created_at, updated_at)
    SELECT k.account_id, 'alias/aws/s3', k.key_id, k.created_at, k.created_at
    FROM kms_keys k JOIN s3_managed_keys m ON m.key_arn = k.arn;

UPDATE kms_key_policies SET policy = (
    SELECT '{
  "Version" : "2012-10-17",
  "Id" : "auto-s3-2",
  "Statement" : [ {
    "Sid" : "Allow access through S3 for all principals in the account that are authorized to use S3",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "*"
    },
    "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey" ],
    "Resource" : "*",
    "Condition" : {
      "StringEquals" : {
        "kms:CallerAccount" : "' || k.account_id || '",
        "kms:ViaService" : "s3.' || k.region || '.amazonaws.com"
      }
    }
  }, {
    "Sid" : "Allow direct access to key metadata to the account",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::' || k.account_id || ':root"
    },
    "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*" ],
    "Resource" : "*"
  } ]
}' FROM kms_keys k WHERE k.key_id = kms_key_policies.key_id)
    WHERE key_id IN (SELECT k.key_id FROM kms_keys k JOIN s3_managed_keys m ON m.key_arn = k.arn);

DROP TABLE s3_managed_keys;
