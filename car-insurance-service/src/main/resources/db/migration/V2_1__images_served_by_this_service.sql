-- Image URLs point at this service's own assets (GET /images/car-insurance/...). The service turns each path into
-- its content-hashed file name behind IMAGE_BASE_URL when it serves a widget.
UPDATE widgets
SET data = replace(data::text, '"assets/images/companies/', '"/images/car-insurance/')::jsonb
WHERE data::text LIKE '%assets/images/companies/%';
